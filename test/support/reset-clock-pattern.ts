/**
 * A time as the windows print it (shared/windows/format-window.ts, formatResetClock), for a
 * RegExp: "21:57" today, "Tue 00:11" within the week ahead, "Dec 6 20:00" otherwise. A 5-hour
 * window seen in the evening resets after midnight: a test that expects only "HH:MM" fails from
 * about 19:00 on.
 */
export const RESET_CLOCK = String.raw`(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|[A-Z][a-z]{2} \d{1,2}) )?\d\d:\d\d`;
