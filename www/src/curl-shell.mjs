// Replaces curlconverter's browser shell parser (which fetches its grammar from the site root): the same
// tree-sitter Bash grammar, fetched from next to this bundle, so the page works under any path and offline.
import Parser from 'web-tree-sitter';

await Parser.init({ locateFile: () => new URL('./tree-sitter.wasm', import.meta.url).href });
const Bash = await Parser.Language.load(new URL('./tree-sitter-bash.wasm', import.meta.url).href);
const parser = new Parser();
parser.setLanguage(Bash);
export default parser;
