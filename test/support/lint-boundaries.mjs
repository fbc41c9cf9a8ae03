// Runs the repository's ESLint config with only the import-boundary rule, for server/src/boundaries.spec.ts:
// jest cannot load eslint.config.mjs (an ES module) itself. Reads {texts: [{filePath, code}], files: [glob]}
// on stdin and prints {texts: [[message]], files: [message]}, each message `<ruleId>: <text>`.
import { ESLint } from 'eslint';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
// The boundary rule needs no type information, so the TypeScript projects are not loaded.
const eslint = new ESLint({
  cwd: root,
  ruleFilter: ({ ruleId }) => ruleId.startsWith('boundaries/'),
  overrideConfig: { languageOptions: { parserOptions: { project: null } } },
});

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { texts = [], files = [] } = JSON.parse(input);
const format = (m) => `${m.ruleId}: ${m.message}`;
const out = { texts: [], files: [], linted: 0 };
for (const { filePath, code } of texts) {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  out.texts.push(result.messages.map(format));
}
if (files.length > 0) {
  const results = await eslint.lintFiles(files);
  out.linted = results.length;
  out.files = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${format(m)}`));
}
process.stdout.write(JSON.stringify(out));
