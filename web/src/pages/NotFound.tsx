/** An address the console does not have. */
export function NotFound() {
  return (
    <section class="page narrow">
      <h1>Nothing here</h1>
      <p>
        This address is not a page of Cantus. Go to the <a href="/">studio</a> or your <a href="/compositions">compositions</a>.
      </p>
    </section>
  );
}
