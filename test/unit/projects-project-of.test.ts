import { describe, expect, it } from 'vitest';
import { projectLabels, projectOf } from '../../shared/projects/project-of.js';

describe('projectOf', () => {
  it.each([
    ['/home/dev/work/api', { path: '/home/dev/work/api', name: 'api' }],
    ['/home/dev/work/api/', { path: '/home/dev/work/api', name: 'api' }],
    ['C:\\Users\\dev\\cli-tool\\', { path: 'C:\\Users\\dev\\cli-tool', name: 'cli-tool' }],
    ['  /srv/Projekte/wébsite  ', { path: '/srv/Projekte/wébsite', name: 'wébsite' }],
    ['/', { path: '/', name: '/' }],
    ['~', { path: '~', name: '~' }],
  ])('%j is the project %j', (cwd, want) => {
    expect(projectOf(cwd)).toEqual(want);
  });

  it.each([[null], [undefined], [''], ['   ']])('no working directory (%j) is no project', (cwd) => {
    expect(projectOf(cwd)).toBeNull();
  });
});

describe('projectLabels', () => {
  it('names each project by its folder, with as much of the parent path as it takes to tell two apart', () => {
    const labels = projectLabels(['/home/dev/work/api', '/home/dev/old/api', '/home/dev/web', '/home/dev/web', '/a/x/api']);
    expect(Object.fromEntries(labels)).toEqual({
      '/home/dev/work/api': 'work/api',
      '/home/dev/old/api': 'old/api',
      '/home/dev/web': 'web',
      '/a/x/api': 'x/api',
    });
  });

  it('goes as deep as it needs to, and keeps the whole path when the tails are the same', () => {
    const labels = projectLabels(['/one/src/app', '/two/src/app', 'C:\\src\\app', '/src/app']);
    expect(labels.get('/one/src/app')).toBe('one/src/app');
    expect(labels.get('/two/src/app')).toBe('two/src/app');
    // "src/app" twice, once from a Windows path: both keep their full path.
    expect(labels.get('C:\\src\\app')).toBe('C:/src/app');
    expect(labels.get('/src/app')).toBe('/src/app');
  });
});
