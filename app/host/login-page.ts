// The sign-in page shown when the host listens beyond loopback. No script: a plain form posting
// to /login, which the CSP's form-action 'self' allows.

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function loginPage(problem?: string): string {
  const notice = problem ? `<p role="alert" class="problem">${escapeHtml(problem)}</p>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · Punchbridge</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f4f6f8; display: grid; place-items: center; min-height: 100vh; margin: 0; }
  form { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px #0002; width: 20rem; }
  h1 { font-size: 1.25rem; margin: 0 0 1rem; }
  label, input, button { display: block; width: 100%; box-sizing: border-box; }
  input { margin: .4rem 0 1rem; padding: .5rem; font-size: 1rem; }
  button { padding: .6rem; font-size: 1rem; background: #1c7ed6; color: #fff; border: 0; border-radius: 4px; }
  .problem { color: #c92a2a; }
</style>
</head>
<body>
<form method="post" action="/login">
  <h1>Punchbridge</h1>
  ${notice}
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" autofocus required>
  <button type="submit">Sign in</button>
</form>
</body>
</html>`;
}

export function tokenMissingPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Punchbridge</title></head>
<body style="font-family: system-ui, sans-serif; margin: 3rem;">
<h1>Punchbridge</h1>
<p>Open the link that <code>punchbridge serve</code> printed when it started: it carries the access token, and stays the same when Punchbridge restarts (until <code>punchbridge serve --new-link</code> replaces it).</p>
</body></html>`;
}
