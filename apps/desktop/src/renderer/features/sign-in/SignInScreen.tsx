import { AlertTriangle, Phone } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Input, Label, Tab, TabList, TabPanel, Tabs, TextField } from 'react-aria-components';
import { useServices, useSlice } from '../../app/services-context.js';
import { Button } from '../../ui/Button.js';
import { insecureUrlWarning } from './sign-in-messages.js';

function Field(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  type?: string;
  autoComplete?: string;
  autoFocus?: boolean;
  isRequired?: boolean;
}) {
  return (
    <TextField
      className="field"
      value={props.value}
      onChange={props.onChange}
      type={props.type ?? 'text'}
      autoComplete={props.autoComplete}
      autoFocus={props.autoFocus}
      isRequired={props.isRequired ?? true}
    >
      <Label>{props.label}</Label>
      <Input />
    </TextField>
  );
}

/** Companion account (API URL, email, password) or a Telnyx SIP credential used directly. */
export function SignInScreen({ defaultApiUrl }: { defaultApiUrl: string }) {
  const { session } = useServices();
  const busy = useSlice(session, (s) => s.busy);
  const error = useSlice(session, (s) => s.error);
  const [apiUrl, setApiUrl] = useState(defaultApiUrl);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [login, setLogin] = useState('');
  const [sipPassword, setSipPassword] = useState('');
  const [mode, setMode] = useState<'companion' | 'direct'>('companion');
  const warning = mode === 'companion' ? insecureUrlWarning(apiUrl) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const request =
      mode === 'companion'
        ? { mode, apiUrl: apiUrl.trim(), email: email.trim(), password }
        : { mode, login: login.trim(), password: sipPassword };
    void session.getState().signInRequested(request, apiUrl.trim());
  };

  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      <div className="sign-in-brand">
        <span className="brand-mark" aria-hidden="true">
          <Phone size={20} />
        </span>
        <h1 id="sign-in-title">Sign in to Crokodialer</h1>
      </div>
      <p className="muted" data-testid="session">
        Signed out
      </p>
      <form
        className="card form"
        onSubmit={submit}
        aria-describedby={error ? 'sign-in-error' : undefined}
      >
        <Tabs
          selectedKey={mode}
          onSelectionChange={(k) => setMode(k === 'direct' ? 'direct' : 'companion')}
        >
          <TabList aria-label="Account type" className="segmented">
            <Tab id="companion">Company account</Tab>
            <Tab id="direct">Telnyx credential</Tab>
          </TabList>
          <TabPanel id="companion" className="form-fields">
            <Field
              label="Server address"
              value={apiUrl}
              onChange={setApiUrl}
              type="url"
              autoComplete="url"
            />
            {warning && (
              <p className="notice notice-warn" role="note">
                <AlertTriangle size={16} aria-hidden="true" /> {warning}
              </p>
            )}
            <Field
              label="Email"
              value={email}
              onChange={setEmail}
              type="email"
              autoComplete="username"
              autoFocus
            />
            <Field
              label="Password"
              value={password}
              onChange={setPassword}
              type="password"
              autoComplete="current-password"
            />
          </TabPanel>
          <TabPanel id="direct" className="form-fields">
            <p className="muted small">
              Use a Telnyx SIP credential without a company server. Calls are not logged centrally.
            </p>
            <Field label="SIP username" value={login} onChange={setLogin} autoComplete="username" />
            <Field
              label="SIP password"
              value={sipPassword}
              onChange={setSipPassword}
              type="password"
              autoComplete="current-password"
            />
          </TabPanel>
        </Tabs>
        {error && (
          <p id="sign-in-error" className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" wide isDisabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </main>
  );
}
