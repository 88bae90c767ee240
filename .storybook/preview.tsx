import type { Preview } from "@storybook/react-vite";
import "../src/components/styles.css";

const preview: Preview = {
  parameters: {
    // Any axe violation fails the story's test.
    a11y: { test: "error" },
    layout: "centered",
  },
};

export default preview;
