/** The postlive module's public face: other modules, flows and functions import only this file. */
export * from './offers';
export * from './segment';
