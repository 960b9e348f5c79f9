// The page's first script (issue #22), about 1 KiB: the prerendered method list answers clicks
// as soon as this runs, while the app's entry (src/main.ts, preloaded by index.html's
// modulepreload links, src/build/entry-links.ts) arrives, hydrates the list and takes the choice.
import { answerEarlyClicks, showLoadFailure } from './lib/boot/early-clicks.ts';
import './ui/theme.css';

const early = answerEarlyClicks(document);
import('./main.ts').then(
  ({ start }) => start(early),
  () => showLoadFailure(document),
);
