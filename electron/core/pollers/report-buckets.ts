import { array, checkBucket, object, type Json } from './report-shape.js';

export interface BucketShape {
  /** The bucket's [start, end) in epoch ms. */
  times(bucket: Json, path: string): [number, number];
  /** The bucket's results list. */
  results(bucket: Json, path: string): unknown;
}

/**
 * Visit every bucket of every page (`page.data[]`), announcing each bucket (empty ones too)
 * before its results.
 */
export function forEachBucket(
  pages: readonly Json[],
  shape: BucketShape,
  onBucket: (start: number, end: number) => void,
  onResult: (start: number, end: number, result: Json, path: string) => void,
): void {
  pages.forEach((page, p) => {
    array(page.data, `page ${p + 1}.data`).forEach((b, i) => {
      const path = `page ${p + 1}.data[${i}]`;
      const bucket = object(b, path);
      const [start, end] = shape.times(bucket, path);
      checkBucket(start, end, path);
      onBucket(start, end);
      array(shape.results(bucket, path), `${path}.results`).forEach((r, j) => {
        const where = `${path}.results[${j}]`;
        onResult(start, end, object(r, where), where);
      });
    });
  });
}
