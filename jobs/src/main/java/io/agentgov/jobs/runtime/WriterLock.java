package io.agentgov.jobs.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentgov.lakehouse.Tables;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer at a time for the evidence tables (ingest and maintain; docs/reliability.md).
 *
 * <p>Why a lock on top of Iceberg's optimistic concurrency: two appends never conflict in Iceberg,
 * so two ingests of the same day would both pass the duplicate check against the stored events and
 * both append, and an ingest killed half-way can only be undone safely when no other writer is
 * running. The lock is a property of the {@code ingest_runs} table, taken and released with a
 * compare-and-swap of the table metadata ({@link TableOperations#commit} fails if the metadata
 * changed since it was read), so it needs nothing the catalog does not already provide and holds
 * on every catalog whose commits are atomic.
 *
 * <p>A holder that died without releasing (SIGKILL, a lost driver) is stale when its process is
 * gone from this host, or when it has held the lock longer than the lease. Whoever takes a stale
 * lock rolls back what the dead run committed without recording its run ({@link UnfinishedRuns}).
 */
public final class WriterLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WriterLock.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String PROPERTY = "agentgov.writer-lock";
  /** How long a writer waits for the lock before failing (Spark conf, seconds). */
  public static final String WAIT_CONF = "spark.agentgov.writer-lock.wait-seconds";
  /** After how long a holder on another host is presumed dead (Spark conf, seconds). */
  public static final String LEASE_CONF = "spark.agentgov.writer-lock.lease-seconds";
  static final Duration DEFAULT_WAIT = Duration.ofMinutes(10);
  static final Duration DEFAULT_LEASE = Duration.ofHours(6);
  private static final long POLL_MILLIS = 500;

  /** Who holds the lock: enough to tell an operator which process to look for. */
  public record Holder(String runId, String command, String host, long pid, Instant acquiredAt) {
    String json() {
      try {
        return JSON.writeValueAsString(Map.of("run_id", runId, "command", command, "host", host, "pid", pid,
            "acquired_at", acquiredAt.toString()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Cannot write the writer lock of " + runId, e);
      }
    }

    static Holder parse(String json) {
      try {
        Map<?, ?> m = JSON.readValue(json, Map.class);
        return new Holder((String) m.get("run_id"), (String) m.get("command"), (String) m.get("host"),
            ((Number) m.get("pid")).longValue(), Instant.parse((String) m.get("acquired_at")));
      } catch (JsonProcessingException | RuntimeException e) {
        throw new IllegalStateException("Cannot read the writer lock " + PROPERTY + "=" + json
            + " of the ingest_runs table: remove the property if no agentgov writer is running", e);
      }
    }

    /** Dead for sure on this host (the process is gone), or presumed dead after the lease. */
    boolean stale(String thisHost, Instant now, Duration lease) {
      if (host.equals(thisHost) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
        return true;
      }
      return acquiredAt.plus(lease).isBefore(now);
    }

    String describe() {
      return runId + " (" + command + ", pid " + pid + " on " + host + ", since " + acquiredAt + ")";
    }
  }

  private final Lakehouse lake;
  private final Holder holder;
  private final List<UnfinishedRuns.RolledBack> rolledBack;

  private WriterLock(Lakehouse lake, Holder holder, List<UnfinishedRuns.RolledBack> rolledBack) {
    this.lake = lake;
    this.holder = holder;
    this.rolledBack = rolledBack;
  }

  /**
   * Takes the lock for a run, waiting up to the configured time while a live writer holds it, then
   * rolls back what runs that died before recording themselves left behind.
   */
  public static WriterLock acquire(Lakehouse lake, String runId, String command) {
    Duration wait = duration(lake, WAIT_CONF, DEFAULT_WAIT);
    Duration lease = duration(lake, LEASE_CONF, DEFAULT_LEASE);
    Holder me = new Holder(runId, command, host(), ProcessHandle.current().pid(),
        Instant.now().truncatedTo(ChronoUnit.MILLIS));
    Instant deadline = Instant.now().plus(wait);
    Holder waitedFor = null;
    while (true) {
      TableOperations ops = operations(lake);
      TableMetadata base = ops.refresh();
      String current = base.property(PROPERTY, null);
      Holder other = current == null ? null : Holder.parse(current);
      if (other != null && !other.stale(me.host(), Instant.now(), lease)) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("Cannot start " + command + " " + runId + ": another writer, " + other.describe()
              + ", still holds the writer lock of " + lake.name(Tables.INGEST_RUNS) + " after waiting " + wait.toSeconds()
              + " s; retry when it has finished (or raise " + WAIT_CONF + ")");
        }
        if (!other.equals(waitedFor)) {
          LOG.info("{} waits for the writer lock held by {}", runId, other.describe());
          waitedFor = other;
        }
        sleep();
        continue;
      }
      try {
        ops.commit(base, TableMetadata.buildFrom(base).setProperties(Map.of(PROPERTY, me.json())).build());
      } catch (CommitFailedException raced) {
        continue; // someone else committed in between: read again
      }
      if (other != null) {
        LOG.warn("{} took over the writer lock from {}, which is no longer running", runId, other.describe());
      }
      return new WriterLock(lake, me, UnfinishedRuns.rollBack(lake));
    }
  }

  /** Runs that died before recording themselves and whose commits this acquisition rolled back. */
  public List<UnfinishedRuns.RolledBack> rolledBack() {
    return rolledBack;
  }

  /** Releases the lock if this run still holds it (a holder presumed dead may have lost it). */
  @Override
  public void close() {
    while (true) {
      TableOperations ops = operations(lake);
      TableMetadata base = ops.refresh();
      String current = base.property(PROPERTY, null);
      if (current == null || !Holder.parse(current).runId().equals(holder.runId())) {
        LOG.warn("{} no longer held the writer lock at release (now {}): its lease ran out", holder.runId(), current);
        return;
      }
      try {
        ops.commit(base, TableMetadata.buildFrom(base).removeProperties(Set.of(PROPERTY)).build());
        return;
      } catch (CommitFailedException raced) {
        // a waiter cannot take a live lock, so only an unrelated commit raced: read again
      }
    }
  }

  /** The holder recorded in the lakehouse now, if any. */
  public static Optional<Holder> holder(Lakehouse lake) {
    return Optional.ofNullable(operations(lake).refresh().property(PROPERTY, null)).map(Holder::parse);
  }

  private static TableOperations operations(Lakehouse lake) {
    return ((HasTableOperations) lake.table(Tables.INGEST_RUNS)).operations();
  }

  private static Duration duration(Lakehouse lake, String key, Duration fallback) {
    String value = lake.spark().conf().get(key, null);
    if (value == null) {
      return fallback;
    }
    try {
      long seconds = Long.parseLong(value.trim());
      if (seconds < 0) {
        throw new NumberFormatException();
      }
      return Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Cannot use " + key + "=" + value + ": expected a whole number of seconds >= 0");
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return ManagementFactory.getRuntimeMXBean().getName();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the writer lock", e);
    }
  }
}
