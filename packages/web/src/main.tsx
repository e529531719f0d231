import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './styles/base.css';
import './styles/header.css';
import './styles/page.css';
import './styles/forms.css';
import './styles/buttons.css';
import './styles/messages.css';
import './styles/lists.css';
import './styles/secret-and-dialog.css';
import './styles/repairs.css';
import './styles/listening.css';
import './styles/coach.css';
import './styles/commitments.css';
import './styles/team-space.css';
import './styles/pulse.css';
import './styles/recovery.css';
// Last, so its media queries override the rules above.
import './styles/small-screens.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page is missing its #root element.');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
