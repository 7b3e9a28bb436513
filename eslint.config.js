// Lint rules run by `npm test` (npm run lint, with knip). ESLint's and typescript-eslint's
// recommended rules, plus what the code review asked for: no unchecked `(err as Error)` casts (a
// thrown value need not be an Error; read it through errorMessage()/errorCode() from
// shared/error-message.ts).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const NODE_GLOBALS = [
  'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'AbortController',
  'AbortSignal', 'fetch', 'performance', 'structuredClone', 'queueMicrotask', 'setTimeout', 'clearTimeout',
  'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate',
];

export default defineConfig(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tmp/**', '.native/**', 'coverage/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSAsExpression > TSTypeReference.typeAnnotation[typeName.name="Error"]',
          message: 'A thrown value need not be an Error: use errorMessage(err) (shared/error-message.ts) or check instanceof Error.',
        },
        {
          selector: 'TSAsExpression > TSTypeReference.typeAnnotation[typeName.right.name="ErrnoException"]',
          message: 'A thrown value need not carry a code: use errorCode(err) (shared/error-message.ts).',
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Fields nobody reads (knip sees only exports).
      '@typescript-eslint/no-unused-private-class-members': 'error',
    },
  },
  {
    // Plain-JS files run by Node (bin/, scripts/*.mjs): they see Node's globals. (In TypeScript,
    // tsc checks names and typescript-eslint turns no-undef off.)
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: Object.fromEntries(NODE_GLOBALS.map((name) => [name, 'readonly'])) },
  },
  {
    // The bin is CommonJS (bin/package.json; why: bin/tokentally.js): require, module, __dirname.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
