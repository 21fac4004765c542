import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, ProblemError } from '../api/client';
import { keys } from '../api/queries';
import type { LoginBody, LoginResponse } from '../api/types';
import { TextField } from '../ui/field';
import { FormProblem, splitProblem } from '../ui/form-errors';

/** The sign-in form; on success the session query is filled and the app shell appears. */
export default function SignInScreen({ expired = false }: { expired?: boolean }) {
  const client = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  useEffect(() => {
    document.title = 'Sign in · OpenSMIN';
  }, []);
  const login = useMutation({
    mutationKey: ['login'],
    mutationFn: () =>
      api.post<LoginResponse>('/auth/login', { username: username.trim(), password } satisfies LoginBody),
    onSuccess: (result) => client.setQueryData(keys.me, result.user),
  });
  const { byField, other } = splitProblem(login.error, ['username', 'password']);
  // 401 and 429 carry no field errors; their detail ("wrong username or password", "try again
  // in N seconds") is the whole message.
  const rateLimited = login.error instanceof ProblemError && login.error.status === 429;

  return (
    <main className="sign-in" id="main">
      <form
        className="panel sign-in-card"
        onSubmit={(e) => {
          e.preventDefault();
          login.mutate();
        }}
        noValidate
        aria-labelledby="sign-in-title"
      >
        <p className="brand">OpenSMIN</p>
        <h1 id="sign-in-title">Sign in</h1>
        <p className="muted">Security management information network</p>
        {expired ? <p className="notice">Your session has ended. Please sign in again.</p> : null}
        <FormProblem error={login.error} other={other} />
        {rateLimited ? <p className="hint">Wait a moment before trying again.</p> : null}
        <TextField
          label="Username"
          value={username}
          onChange={setUsername}
          error={byField.username}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus
        />
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          error={byField.password}
          autoComplete="current-password"
          required
        />
        <button type="submit" className="button wide" disabled={login.isPending || !username || !password}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
