import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => cleanup());

// Testing Library's 1 s default for waitFor/findBy is tight for a 300 ms debounce plus a render when CI also runs the
// server suites; a longer ceiling only slows a test that fails anyway.
configure({ asyncUtilTimeout: 5_000 });

// jsdom has no object URLs; media bubbles need them. Each Blob gets a distinct, recognisable URL.
let objectUrls = 0;
URL.createObjectURL = () => {
  objectUrls += 1;
  return `blob:papo-test/${objectUrls}`;
};
URL.revokeObjectURL = () => {};
