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
    { name: 'a space before the bracket', code: "fs.writeFileSync ('x.json', '{}')", expected: { filesWritten: ['x.json'] } },
    { name: 'open by its flags', code: "fs.openSync('a.log', 'a'); fs.openSync('b.json', 'w'); fs.openSync('c.json', 'r')", expected: { filesEdited: ['a.log'], filesWritten: ['b.json'] } },
    { name: 'a line comment in inline code', code: "// fs.rmSync('tests', { recursive: true })\nfs.writeFileSync('out.json', '{}')", expected: { filesWritten: ['out.json'], filesDeleted: [] } },
    { name: 'a call inside a string is no call', code: `console.log("to reset: fs.rmSync('tests/snapshots', { recursive: true })")`, expected: { filesDeleted: [] } },
    { name: 'a method of another object', code: "cache.rm('tests/a.test.js'); list.remove('package.json')", expected: { filesDeleted: [] } },
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
    { name: 'a block comment is no change', script: `${REQUIRE}/* old approach:\nfs.rmSync('tests/fixtures', { recursive: true });\n*/\nfs.writeFileSync('out.json', x)`, expected: { filesWritten: ['out.json'], filesDeleted: [] } },
    { name: 'a JSDoc example is no change', script: "import fs from 'node:fs';\n/**\n * @example writeJson('package.json')\n * fs.unlinkSync('tests/a.test.ts')\n */\nexport const x = 1;", expected: { filesWritten: [], filesDeleted: [] } },
    { name: 'a helper of the same name not imported from fs', script: "import fs from 'node:fs';\nconst truncate = (s, n) => s.slice(0, n);\nconsole.log(truncate('tests/api.test.ts', 10));", expected: { filesEdited: [] } },
    { name: 'a function defined with an fs name', script: "import { rm } from 'node:fs/promises';\nconst file = 'tests/a.test.js';\nasync function remove(file) { return db.delete(file); }\nclass Cache { rm(file) { return 1; } }", expected: { filesDeleted: [] } },
    { name: 'a name resolves to its binding before the call', script: "import fs from 'node:fs';\nconst f = 'a.txt';\nfs.writeFileSync(f, 'x');\nfunction g() { const f = 'tests/readme.txt'; return fs.readFileSync(f); }", expected: { filesWritten: ['a.txt'] } },
    { name: 'a name bound only after the function that uses it', script: "import fs from 'node:fs';\nfunction main() { fs.writeFileSync(OUT, 'x'); }\nconst OUT = 'report.txt';\nmain();", expected: { filesWritten: ['report.txt'] } },
    { name: 'a namespace import under another name', script: "import * as nodeFs from 'node:fs';\nnodeFs.writeFileSync('package.json', '{}');", expected: { filesWritten: ['package.json'] } },
    { name: 'fs bound to another name by require', script: "const files = require('fs');\nfiles.unlinkSync('tests/a.test.js');", expected: { filesDeleted: ['tests/a.test.js'] } },
    { name: 'the promises of fs under the name fs', script: "import { promises as fs } from 'node:fs';\nawait fs.writeFile('package.json', '{}');", expected: { filesWritten: ['package.json'] } },
    { name: "Bun's and Deno's own file functions", script: "await Bun.write('package.json', '{}');\nawait Deno.writeTextFile('deno.json', '{}');\nawait Deno.remove('tests/a.test.ts');\nDeno.renameSync('a.ts', 'b.ts');", expected: { filesWritten: ['package.json', 'deno.json', 'b.ts'], filesDeleted: ['tests/a.test.ts', 'a.ts'] } },
    { name: 'a write of a stream is not Bun.write', script: "import fs from 'node:fs';\nprocess.stdout.write('tests/a.test.js');\nout.write('x.json')", expected: { filesWritten: [] } },
    { name: 'a quote in a regular expression does not hide the calls after it', script: "import fs from 'node:fs';\nconst clean = (s) => s.replace(/'/g, '');\nfs.rmSync('dist', { recursive: true });", expected: { filesDeleted: ['dist'] } },
    { name: 'a comment line is no change', script: `${REQUIRE}// fs.rmSync('tests', { recursive: true })\nfs.writeFileSync('out.txt', 'x')`, expected: { filesWritten: ['out.txt'], filesDeleted: [] } },
    { name: 'a script that changes its folder keeps only absolute paths', script: `${REQUIRE}process.chdir('packages/core');\nfs.writeFileSync('package.json', x);\nfs.writeFileSync('/repo/tsconfig.json', y)`, expected: { filesWritten: ['/repo/tsconfig.json'] } },
  ])('$name', ({ script, expected }) => {
    const effects = javascriptScriptEffects(script);
    for (const [list, files] of Object.entries(expected)) expect(effects[list as keyof Expected], list).toEqual(files);
  });

  it('reads hostile code in bounded time and depth', () => {
    expect(javascriptFileEffects(`fs${'.promises'.repeat(5_000)}.writeFile('a.json', '')`).filesWritten).toEqual([]);
    expect(javascriptFileEffects(`${REQUIRE}U${'$Q'.repeat(10_000)}`).filesWritten).toEqual([]);
    expect(javascriptFileEffects(`${REQUIRE}${'fs.rm('.repeat(3_000)}'a')`).filesDeleted).toEqual(['a']);
  });

  it(`reads only the first ${MAXIMUM_JAVASCRIPT_CODE} characters`, () => {
    const late = `${REQUIRE}${'// filler\n'.repeat(MAXIMUM_JAVASCRIPT_CODE / 10)}fs.writeFileSync('late.json', '')`;
    expect(javascriptFileEffects(late).filesWritten).toEqual([]);
    expect(javascriptFileEffects(`${REQUIRE}fs.writeFileSync('late.json', '')`).filesWritten).toEqual(['late.json']);
  });
});
