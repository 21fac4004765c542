import { Component, type ReactNode } from 'react';

/**
 * Catches a screen that fails to render or whose chunk fails to download (a flaky link), so the
 * rest of the app stays usable and the user can retry.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="state state-error" role="alert">
        <p>
          <strong>This screen could not be shown.</strong> {this.state.error.message}
        </p>
        <button type="button" className="button secondary" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
