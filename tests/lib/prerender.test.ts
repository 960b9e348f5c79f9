import { describe, expect, it } from 'vitest';
import { insertPrerendered, MOUNT_POINT } from '../../src/build/prerender.ts';

describe('insertPrerendered (the build puts the first render in index.html)', () => {
  const html = `<body><noscript>x</noscript>${MOUNT_POINT}<script type="module" src="a.js"></script></body>`;

  it('puts the body inside the mount point, before the script', () => {
    expect(insertPrerendered(html, '<nav>list</nav>')).toBe(
      '<body><noscript>x</noscript><div id="app"><nav>list</nav></div><script type="module" src="a.js"></script></body>',
    );
  });

  it('keeps `$&` and `$1` in the body as written (no replacement patterns)', () => {
    expect(insertPrerendered(html, '<p>$& $1 $$</p>')).toContain(
      '<div id="app"><p>$& $1 $$</p></div>',
    );
  });

  it('fails the build when index.html has lost its mount point', () => {
    expect(() => insertPrerendered('<body></body>', '<nav></nav>')).toThrow(/no <div id="app">/);
  });
});
