/** `npm test`: every suite in one run. Page tests render in jsdom through miniprogram-simulate; e2e flows in headless Chromium. */
const transform = { '^.+\\.ts$': '<rootDir>/scripts/jest-transform.js' };
const common = { transform, moduleFileExtensions: ['ts', 'js', 'json'], rootDir: __dirname };

module.exports = {
  // at least two workers: the suites are independent (each test has its own SQLite file)
  maxWorkers: Math.max(2, require('node:os').cpus().length - 1),
  // a runtime on the CloudBase double seeds the demo shop through the SDK: seconds, not milliseconds
  testTimeout: 30_000,
  projects: [
    {
      ...common,
      displayName: 'server',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/{unit,integration,contract,robustness,compile,scripts,build}/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'pages',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/pages/**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/pages/setup.ts'],
    },
    {
      // the browser preview: its build (node) and end-to-end flows in headless Chromium / WeChat DevTools
      ...common,
      displayName: 'preview',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/{preview,e2e,automator}/**/*.test.ts'],
    },
  ],
};
