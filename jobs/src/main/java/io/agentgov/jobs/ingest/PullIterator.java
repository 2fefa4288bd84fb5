package io.agentgov.jobs.ingest;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator written as one method, {@link #pull}, that returns the next element or null at the
 * end: what the readers of landing files and their reports share.
 */
abstract class PullIterator<T> implements Iterator<T> {
  private T next;
  private boolean ended;

  /** The next element, or null when there is none; not called again after it returned null. */
  abstract T pull();

  @Override
  public final boolean hasNext() {
    if (next == null && !ended) {
      next = pull();
      ended = next == null;
    }
    return next != null;
  }

  @Override
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T element = next;
    next = null;
    return element;
  }
}
