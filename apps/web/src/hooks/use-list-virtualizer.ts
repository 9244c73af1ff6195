import { measureElement, observeElementRect, useVirtualizer, type Virtualizer } from "@tanstack/react-virtual";
import { useCallback } from "react";

/** What a scroller is assumed to measure before (or without) layout: jsdom, or a panel not laid out yet. */
const FALLBACK_RECT = { width: 400, height: 800 };

/**
 * A vertical virtualizer over `count` rows of dynamic height inside `scroller`. Rows are measured as they render;
 * a scroller or row that measures 0 (no layout, as in jsdom) falls back to the viewport guess and the row estimate,
 * so tests render the first window of rows instead of nothing or everything.
 */
export function useListVirtualizer({
  count,
  scroller,
  estimateSize,
  getItemKey,
  overscan = 8,
}: {
  count: number;
  scroller: () => HTMLElement | null;
  estimateSize: number;
  getItemKey: (index: number) => string;
  overscan?: number;
}): Virtualizer<HTMLElement, Element> {
  const estimate = useCallback(() => estimateSize, [estimateSize]);
  return useVirtualizer<HTMLElement, Element>({
    count,
    getScrollElement: scroller,
    estimateSize: estimate,
    getItemKey,
    overscan,
    initialRect: FALLBACK_RECT,
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) =>
        cb(rect.height > 0 ? rect : { width: rect.width || FALLBACK_RECT.width, height: FALLBACK_RECT.height }),
      ),
    measureElement: (element, entry, instance) => measureElement(element, entry, instance) || estimateSize,
  });
}
