// The page's first script (issue #22), about 1 KiB: the prerendered method list answers clicks
// as soon as this runs, while the app's entry (src/main.ts, preloaded by index.html's
// modulepreload links, src/build/entry-links.ts) arrives, hydrates the list and takes the choice.
import { answerEarlyClicks, showLoadFailure } from './lib/boot/early-clicks.ts';
// Every stylesheet of the first screen, so that the build puts them inline in index.html
// (src/build/entry-links.ts) and the app's entry brings none of its own to wait for.
import './ui/theme.css';
import './ui/lessons/workshop.css';

const early = answerEarlyClicks(document);
import('./main.ts').then(
  ({ start }) => start(early),
  () => showLoadFailure(document),
);
