import type { ReactNode } from 'react';

export function Page(props: {
  title: string;
  subtitle?: string;
  actions?: ReactNode;
  children: ReactNode;
  /** Given: the heading's id, and it can take the focus (a screen opened from the keyboard puts it there). */
  titleId?: string;
}) {
  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h1 id={props.titleId} tabIndex={props.titleId ? -1 : undefined}>
            {props.title}
          </h1>
          {props.subtitle ? <p className="page__subtitle">{props.subtitle}</p> : null}
        </div>
        {props.actions ? <div className="page__actions">{props.actions}</div> : null}
      </header>
      <div className="page__body">{props.children}</div>
    </section>
  );
}

export function Card(props: { title?: string; children: ReactNode; className?: string }) {
  return (
    <div className={`card ${props.className ?? ''}`}>
      {props.title ? <h2 className="card__title">{props.title}</h2> : null}
      {props.children}
    </div>
  );
}

export function Banner(props: { kind: 'error' | 'success' | 'info' | 'warning'; children: ReactNode }) {
  return (
    <div className={`banner banner--${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}
