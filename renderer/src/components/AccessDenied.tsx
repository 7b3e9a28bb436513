export function AccessDenied() {
  return (
    <main className="center-screen" data-testid="access-denied">
      <div className="center-card">
        <h1>Tokentally needs its access token</h1>
        <p>
          Open the URL printed by <code>tokentally serve</code> (it carries the access token). The token changes each
          time the server starts, so an old tab or bookmark no longer works.
        </p>
      </div>
    </main>
  );
}
