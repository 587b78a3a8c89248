// The citation checker fed hostile samples. Every forbidden citation below is assembled from pieces
// ('DESIGN' + '.md'), or the checker would rightly flag this very file when it checks the repository.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { anchorsOf, checkRepository, jsComments, slugify } from './check-doc-refs.mjs';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'check-doc-refs.mjs');
const DOCS = 'docs' + '/';
const SECTION = '§';
const MD = '.md';

const ARCHITECTURE = [
  '# Architecture',
  '## Reconnect design',
  '### `socketDisconnect` versus disconnect()',
  '## Testing',
  '## Testing',
  '```md',
  '## Not a heading',
  '```',
  '<a id="custom-anchor"></a>',
  '',
].join('\n');

let root;

/** A throwaway repository (no git, so the checker walks it) holding `files` and a docs/ folder. */
function repo(files) {
  // The repository sits one level down, so a file beside it exists but is outside it.
  root = join(mkdtempSync(join(tmpdir(), 'doc-refs-')), 'repo');
  mkdirSync(root);
  writeFileSync(join(root, '..', 'outside.md'), '# Outside\n');
  const all = { [`${DOCS}architecture${MD}`]: ARCHITECTURE, ...files };
  for (const [name, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

const problemsOf = (files) =>
  checkRepository(repo(files)).problems.map((p) => `${p.file}:${p.line}`);

beforeEach(() => {
  if (root) rmSync(join(root, '..'), { recursive: true, force: true });
  root = undefined;
});

describe('anchors', () => {
  it('slugs headings the way GitHub does', () => {
    expect(slugify('Reconnect design')).toBe('reconnect-design');
    expect(slugify('socketDisconnect versus disconnect()')).toBe(
      'socketdisconnect-versus-disconnect',
    );
    expect(slugify('Envelope, acknowledgements & errors')).toBe(
      'envelope-acknowledgements--errors',
    );
    expect(slugify('telnyx_rtc.modify: hold')).toBe('telnyx_rtcmodify-hold');
  });

  it('lists headings outside code, numbers repeats, and keeps explicit anchors', () => {
    const anchors = anchorsOf(ARCHITECTURE);
    expect([...anchors]).toEqual(
      expect.arrayContaining([
        'reconnect-design',
        'socketdisconnect-versus-disconnect',
        'testing',
        'testing-1',
        'custom-anchor',
      ]),
    );
    expect(anchors.has('not-a-heading')).toBe(false);
  });
});

describe('comments in code', () => {
  it('skips strings, template literals and regular expressions', () => {
    const source = [
      "const url = 'http://example.com/#12'; // real comment #7",
      'const t = `a ${"//"} b`; /* block */',
      'const re = /\\/\\/ not a comment/; const q = "#99";',
      'const x = a / b; // after division',
    ].join('\n');
    const texts = jsComments(source).map(([, text]) => text);
    expect(texts).toEqual(['// real comment #7', '/* block */', '// after division']);
  });
});

describe('citations', () => {
  it('flags every citation of the notes that live outside the repository', () => {
    const problems = problemsOf({
      'apps/a.ts': [
        `// see ${'DESIGN' + MD} ${SECTION}4`,
        `// see ${'PROTOCOL' + MD}`,
        `/** ${'STYLE' + MD} "IPC" */`,
        `// ${'ROUTING' + MD}`,
        `// ${'../sha' + 'red/'}telnyx/wire/outbound.txt`,
        `// copied from ${'shared/tel' + 'nyx'}/wire`,
        `// a section alone: (${SECTION}2.6)`,
        'export const ok = 1;',
      ].join('\n'),
    });
    expect(problems).toEqual([
      'apps/a.ts:1',
      'apps/a.ts:2',
      'apps/a.ts:3',
      'apps/a.ts:4',
      'apps/a.ts:5',
      'apps/a.ts:6',
      'apps/a.ts:7',
    ]);
  });

  it('flags issue numbers, but not look-alikes in data, code spans or public standards', () => {
    const problems = problemsOf({
      'apps/b.ts': [
        `// fixed in ${'iss' + 'ue'} 4`,
        `/* ${'Iss' + 'ue'} #12 */`,
        `// as agreed (${'#'}31)`,
        "const data = ['#99', '+1 212 555 0123#99'];",
        '// keys in PKCS#8 form; extensions like `#123`',
        `// RFC 3966 ${SECTION}5.1.5 and 3GPP TS 22.101 ${SECTION}10.1 are public`,
        "const colour = '#101418';",
      ].join('\n'),
      'apps/c.css': `a { color: ${'#'}123; }`,
      'scripts/run.sh': `#!/usr/bin/env bash\necho "\${#args[@]}" # see ${'#'}45\n`,
    });
    expect(problems).toEqual(['apps/b.ts:1', 'apps/b.ts:2', 'apps/b.ts:3', 'scripts/run.sh:2']);
  });

  it('checks that a docs citation names a file and heading that exist', () => {
    const problems = problemsOf({
      'apps/d.ts': [
        `// ${DOCS}architecture${MD}#reconnect-design`,
        `// ${DOCS}architecture${MD}#testing-1 and ${DOCS}architecture${MD}#custom-anchor`,
        `// ${DOCS}architecture${MD}#socketdisconnect-versus-disconnect.`,
        `// ${DOCS}architecture${MD}#no-such-heading`,
        `// ${DOCS}missing${MD}#map`,
        `// ${DOCS}architecture${MD}#`,
        `// https://github.com/x/y/blob/main/${DOCS}nowhere${MD}#anything is a URL`,
      ].join('\n'),
    });
    expect(problems).toEqual(['apps/d.ts:4', 'apps/d.ts:5', 'apps/d.ts:6']);
  });
});

describe('Markdown links', () => {
  it('accepts links inside the repository and public URLs', () => {
    const problems = problemsOf({
      'README.md': [
        `[map](${DOCS}architecture${MD}#reconnect-design) [web](https://example.com/a.md)`,
        '[mail](mailto:a@example.com) [here](#run-it) [dir](apps/)',
        '## Run it',
        '```',
        '[not a link](../../etc/passwd)',
        '```',
        'Inline code is not a link: `[x](../outside.md)`.',
      ].join('\n'),
      'apps/api/README.md': `[up](../../${DOCS}architecture${MD}#testing)`,
    });
    expect(problems).toEqual([]);
  });

  it('flags links that leave the repository, miss a file or miss a heading', () => {
    const problems = problemsOf({
      'README.md': [
        '[outside](../outside.md)',
        '[abs](/etc/passwd)',
        '[file](file:///etc/passwd)',
        '[missing](apps/nothing.md)',
        `[heading](${DOCS}architecture${MD}#nope)`,
        '[self](#nowhere)',
        '<a href="../../secret.txt">html</a>',
        '[ref]: ../ref-target.md',
        `[wrong base](${DOCS}architecture${MD})`,
      ].join('\n'),
      'apps/api/README.md': `[wrong base](${DOCS}architecture${MD})`,
    });
    const first = checkRepository(root).problems[0];
    expect(first?.message).toMatch(/outside the repository/);
    expect(problems).toEqual([
      'README.md:1',
      'README.md:2',
      'README.md:3',
      'README.md:4',
      'README.md:5',
      'README.md:6',
      'README.md:7',
      'README.md:8',
      'apps/api/README.md:1',
    ]);
  });
});

describe('Markdown link forms', () => {
  it('reads titles, angle brackets, escapes, images and directories', () => {
    const problems = problemsOf({
      'apps/space dir/notes.md': '# Notes\n',
      'README.md': [
        '[t](apps/ "a title") [a](<apps/space dir/notes.md#notes>) [e](apps/space%20dir/notes.md)',
        '![logo](apps/missing-logo.png)',
        '[bad escape](apps/%E0%A4%A.md)',
      ].join('\n'),
    });
    expect(problems).toEqual(['README.md:2', 'README.md:3']);
  });
});

describe('files from git', () => {
  it('checks tracked and untracked files but not ignored ones', () => {
    repo({
      '.gitignore': 'ignored/\n',
      'ignored/a.ts': `// ${'DESIGN' + MD}\n`,
      'apps/new.ts': `// ${'DESIGN' + MD}\n`,
    });
    spawnSync('git', ['init', '-q'], { cwd: root });
    expect(checkRepository(root).problems.map((p) => p.file)).toEqual(['apps/new.ts']);
  });
});

describe("this repository's documents", () => {
  it('link only to files and headings that exist', () => {
    const repoRoot = join(dirname(SCRIPT), '..');
    const docs = readdirSync(join(repoRoot, 'docs'))
      .filter((f) => f.endsWith(MD))
      .map((f) => `docs/${f}`);
    expect(docs.length).toBeGreaterThan(0);
    expect(checkRepository(repoRoot, docs).problems).toEqual([]);
  });
});

describe('the command', () => {
  it('skips dependencies and build output, and exits 0 on a clean tree', () => {
    repo({
      'apps/e.ts': `// ${DOCS}architecture${MD}#testing\n`,
      'node_modules/pkg/index.js': `// ${'DESIGN' + MD}\n`,
      'apps/desktop/out/main.js': `// ${'iss' + 'ue'} 3\n`,
    });
    const run = spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/1 docs citations/);
  });

  it('exits 1 and names file and line of each problem', () => {
    repo({ 'apps/f.ts': `const a = 1;\n// ${'STYLE' + MD}\n` });
    const run = spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('apps/f.ts:2:');
  });
});
