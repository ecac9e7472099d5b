// Page tests: `wx`, `getApp` and `getCurrentPages` for code loaded through miniprogram-simulate.
import v8 from 'node:v8';
import { mp, wxMock } from './helpers/wx';

const g = globalThis as unknown as Record<string, unknown>;
g.wx = wxMock;
g.getApp = () => mp.app;
g.getCurrentPages = () => [];

// jsdom's global lacks structuredClone, which the kernel uses when page tests run it in-process.
if (typeof g.structuredClone !== 'function') g.structuredClone = <T>(value: T): T => v8.deserialize(v8.serialize(value)) as T;

// WeChat components have groupSetData (base library 2.4.0+), which Vant's tabs call; the simulator's
// components do not. Grouping only batches the updates into one render, so running them is enough.
const exparser = require('miniprogram-exparser') as { Component: { prototype: Record<string, unknown> } };
if (typeof exparser.Component.prototype.groupSetData !== 'function') {
  exparser.Component.prototype.groupSetData = function groupSetData(callback: () => void) {
    callback();
  };
}
