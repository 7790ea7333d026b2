/** The console's entry point: loads the session, then renders the app. */
import { render } from "preact";
import { App } from "./app";
import { loadSession } from "./session";
import { sentenceOf } from "./ui/useAsync";
import "./styles.css";

const root = document.getElementById("app")!;
loadSession().then(
  () => {
    root.textContent = "";
    render(<App />, root);
    // When the console is on screen (read by the end-to-end tests for the first-load figure).
    performance.mark("cantus-rendered");
  },
  (e: unknown) => {
    root.innerHTML = "";
    const p = document.createElement("p");
    p.className = "boot error-note";
    p.textContent = `${sentenceOf(e)} Reload the page to try again.`;
    root.appendChild(p);
  },
);
