import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => cleanup());

// jsdom has no object URLs; media bubbles need them. Each Blob gets a distinct, recognisable URL.
let objectUrls = 0;
URL.createObjectURL = () => {
  objectUrls += 1;
  return `blob:papo-test/${objectUrls}`;
};
URL.revokeObjectURL = () => {};
