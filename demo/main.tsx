import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { StackProvider } from "../src/index.js";
import "../src/components/styles.css";
import "./demo.css";
import { App } from "./App.js";
import { stackConfig } from "./config.js";
import { interceptLinks, navigate } from "./router.js";

interceptLinks();

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");
createRoot(root).render(
  <StrictMode>
    <StackProvider {...stackConfig} navigate={navigate}>
      <App />
    </StackProvider>
  </StrictMode>,
);
