import { describe, expect, it } from 'vitest';
import { javascriptFileEffects, javascriptScriptEffects, MAXIMUM_JAVASCRIPT_CODE } from './javascript-file-effects.js';

type Expected = Partial<Record<'filesWritten' | 'filesEdited' | 'filesDeleted', string[]>>;

const REQUIRE = "const fs = require('fs');\n";
const IMPORT = "import { writeFileSync, rmSync, renameSync, copyFileSync, appendFileSync } from 'node:fs';\n";

describe('javascriptFileEffects (inline code: node -e)', () => {
  it.each<{ name: string; code: string; expected: Expected }>([
    { name: 'fs.writeFileSync on a literal', code: `${REQUIRE}fs.writeFileSync('package.json', '{}')`, expected: { filesWritten: ['package.json'] } },
    { name: 'a call on require of fs', code: "require('node:fs').rmSync('dist', { recursive: true }); require(\"fs\").writeFileSync('a.json', '')", expected: { filesDeleted: ['dist'], filesWritten: ['a.json'] } },
    { name: 'the fs global of node -e, not required', code: "const p = JSON.parse(fs.readFileSync('package.json')); fs.writeFileSync('package.json', JSON.stringify(p))", expected: { filesWritten: ['package.json'] } },
    { name: 'double quotes and a template without placeholders', code: 'fs.writeFileSync("a.json", "x"); fs.writeFileSync(`b.json`, "y")', expected: { filesWritten: ['a.json', 'b.json'] } },
    { name: 'a template with a placeholder is computed', code: 'fs.writeFileSync(`${dir}/a.json`, "x")', expected: { filesWritten: [] } },
    { name: 'a name bound to a literal', code: "const target = 'tsconfig.json';\nfs.writeFileSync(target, text)", expected: { filesWritten: ['tsconfig.json'] } },
    { name: 'a name bound to nothing known', code: 'fs.writeFileSync(target, text)', expected: { filesWritten: [] } },
    { name: 'a path computed with path.join', code: "fs.writeFileSync(path.join(__dirname, 'a.json'), 'x')", expected: { filesWritten: [] } },
    { name: 'fs.promises and fsp', code: "await fs.promises.writeFile('a.txt', 'x'); await fsp.rm('build', { recursive: true })", expected: { filesWritten: ['a.txt'], filesDeleted: ['build'] } },
    { name: 'appending and truncating edit', code: "fs.appendFileSync('.gitignore', 'dist\\n'); fs.truncateSync('log.txt')", expected: { filesEdited: ['.gitignore', 'log.txt'] } },
    { name: 'a write stream', code: "const out = fs.createWriteStream('report.csv')", expected: { filesWritten: ['report.csv'] } },
    { name: 'unlink and rm delete', code: "fs.unlinkSync('tests/a.test.js'); fs.rmSync('tests/fixtures', { recursive: true, force: true })", expected: { filesDeleted: ['tests/a.test.js', 'tests/fixtures'] } },
    { name: 'a copy writes the destination', code: "fs.copyFileSync('tsconfig.base.json', 'tsconfig.json')", expected: { filesWritten: ['tsconfig.json'], filesDeleted: [] } },
    { name: 'a rename deletes the source and writes the destination', code: "fs.renameSync('tests/a.test.js', 'tests/a.skip.js')", expected: { filesWritten: ['tests/a.skip.js'], filesDeleted: ['tests/a.test.js'] } },
    { name: 'a copy to a computed destination', code: "fs.copyFileSync('a.json', path.join(out, 'a.json'))", expected: { filesWritten: [], filesDeleted: [] } },
    { name: 'a bare function of inline code that loads nothing', code: "writeFileSync('package.json', '{}')", expected: { filesWritten: [] } },
    { name: 'fs-extra', code: "const fse = require('fs-extra'); fse.outputFileSync('dist/a.js', ''); fse.removeSync('coverage')", expected: { filesWritten: ['dist/a.js'], filesDeleted: ['coverage'] } },
    { name: 'a URL is no file', code: "fs.writeFileSync('https://example.com/a', 'x')", expected: { filesWritten: [] } },
    { name: 'reading only', code: "console.log(fs.readFileSync('package.json', 'utf8'))", expected: { filesWritten: [], filesEdited: [], filesDeleted: [] } },
  ])('$name', ({ code, expected }) => {
    const effects = javascriptFileEffects(code);
    for (const [list, files] of Object.entries(expected)) expect(effects[list as keyof Expected], list).toEqual(files);
  });
});

describe('javascriptScriptEffects (a script run with node, tsx, bun or deno)', () => {
  it.each<{ name: string; script: string; expected: Expected }>([
    { name: 'functions imported by name from node:fs', script: `${IMPORT}writeFileSync('tests/a.test.ts', src);\nrmSync('tests/b.test.ts');\nappendFileSync('CHANGELOG.md', 'x')`, expected: { filesWritten: ['tests/a.test.ts'], filesDeleted: ['tests/b.test.ts'], filesEdited: ['CHANGELOG.md'] } },
    { name: 'a rename and a copy imported by name', script: `${IMPORT}renameSync('a.js', 'b.js'); copyFileSync('c.js', 'd.js')`, expected: { filesWritten: ['b.js', 'd.js'], filesDeleted: ['a.js'] } },
    { name: 'fs/promises imported by name', script: "import { writeFile, rm } from 'fs/promises';\nawait writeFile('out.json', data);\nawait rm('tmp', { recursive: true })", expected: { filesWritten: ['out.json'], filesDeleted: ['tmp'] } },
    { name: 'a required fs', script: `${REQUIRE}fs.writeFileSync('jest.config.js', config)`, expected: { filesWritten: ['jest.config.js'] } },
    { name: 'a script that loads no fs module changes nothing', script: "import { remove } from './list.js';\nremove('tests/a.test.js');\nfs.writeFileSync('x.json', '')", expected: { filesWritten: [], filesDeleted: [] } },
    { name: 'a method of the same name is no fs call', script: `${IMPORT}list.remove('tests/a.test.js'); el.classList.remove('active'); this.copy('a', 'b')`, expected: { filesWritten: [], filesDeleted: [] } },
    { name: 'a comment line is no change', script: `${REQUIRE}// fs.rmSync('tests', { recursive: true })\nfs.writeFileSync('out.txt', 'x')`, expected: { filesWritten: ['out.txt'], filesDeleted: [] } },
    { name: 'a script that changes its folder keeps only absolute paths', script: `${REQUIRE}process.chdir('packages/core');\nfs.writeFileSync('package.json', x);\nfs.writeFileSync('/repo/tsconfig.json', y)`, expected: { filesWritten: ['/repo/tsconfig.json'] } },
  ])('$name', ({ script, expected }) => {
    const effects = javascriptScriptEffects(script);
    for (const [list, files] of Object.entries(expected)) expect(effects[list as keyof Expected], list).toEqual(files);
  });

  it(`reads only the first ${MAXIMUM_JAVASCRIPT_CODE} characters`, () => {
    const late = `${REQUIRE}${'// filler\n'.repeat(MAXIMUM_JAVASCRIPT_CODE / 10)}fs.writeFileSync('late.json', '')`;
    expect(javascriptFileEffects(late).filesWritten).toEqual([]);
    expect(javascriptFileEffects(`${REQUIRE}fs.writeFileSync('late.json', '')`).filesWritten).toEqual(['late.json']);
  });
});
