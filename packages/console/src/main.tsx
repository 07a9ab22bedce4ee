/** The console's entry: renders the app into the page server-sync serves at `/console`. */
import { render } from 'preact';
import { App } from './app.js';

const root = document.getElementById('app');
if (root) render(<App />, root);
