package io.agentgov.jobs.pipeline;

import io.agentgov.jobs.drift.BaselineJob;
import io.agentgov.jobs.drift.DriftJob;
import io.agentgov.jobs.drift.DriftOptions;
import io.agentgov.jobs.drift.FeaturesJob;
import io.agentgov.jobs.governance.DetectJob;
import io.agentgov.jobs.governance.DetectOptions;
import io.agentgov.jobs.ingest.IngestJob;
import io.agentgov.jobs.ingest.IngestResult;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

/**
 * The nightly pipeline: ingest a landing day, refresh the features of every event day it touched,
 * then baselines, drift and the governance detectors for the night. The jobs stay separate classes
 * (and separate Airflow tasks); this class only orders them.
 */
public final class Nightly {
  private Nightly() {}

  /** The settings of the derived jobs. */
  public record Settings(DriftOptions drift, DetectOptions detect) {
    public static Settings defaults() {
      return new Settings(DriftOptions.defaults(), DetectOptions.defaults());
    }
  }

  /** What one night ran; {@code ingest} is null when the night only re-derived stored events. */
  public record NightResult(LocalDate night, IngestResult ingest, List<FeaturesJob.Result> features,
      BaselineJob.Result baselines, DriftJob.Result drift, DetectJob.Result detect) {
    public List<String> summaries() {
      List<String> lines = new ArrayList<>();
      if (ingest != null) {
        lines.add(ingest.summary());
      }
      features.forEach(f -> lines.add(f.summary()));
      lines.add(baselines.summary());
      lines.add(drift.summary());
      lines.add(detect.summary());
      return lines;
    }
  }

  /** Ingests {@code night}'s landing day and runs everything after it. */
  public static NightResult run(Lakehouse lake, String landing, LocalDate night, Settings options) {
    IngestResult ingest = new IngestJob(lake, IngestJob.Options.of(landing, night)).run();
    return afterFeatures(lake, night, ingest, featuresOfLanding(lake, night), options);
  }

  /**
   * Refreshes the features of {@code night} and of every earlier event day that the ingests of the
   * {@code night} landing day stored rows into: late events land in earlier event days, and later
   * baselines must see them. The days come from ingest_runs, not from one run's result, so a
   * separate task (an Airflow retry, or a re-run after "nothing new") refreshes the same days.
   */
  public static List<FeaturesJob.Result> featuresOfLanding(Lakehouse lake, LocalDate night) {
    TreeSet<LocalDate> touched = new TreeSet<>();
    touched.add(night);
    lake.read(Tables.INGEST_RUNS).where(col("landing_date").equalTo(lit(night)))
        .where(col("event_days").isNotNull())
        .select(explode(col("event_days")).as("day")).distinct().collectAsList()
        .forEach(r -> touched.add(r.<LocalDate>getAs("day")));
    List<FeaturesJob.Result> features = new ArrayList<>();
    for (LocalDate day : touched.headSet(night, true)) {
      features.add(new FeaturesJob(lake, FeaturesJob.Options.day(day)).run());
    }
    return features;
  }

  /** Features, baselines and drift of one night over the events already stored. */
  public static NightResult derive(Lakehouse lake, LocalDate night, Settings options) {
    FeaturesJob.Result features = new FeaturesJob(lake, FeaturesJob.Options.day(night)).run();
    return afterFeatures(lake, night, null, List.of(features), options);
  }

  /**
   * A backfill over stored events: features of the whole range in one pass, then baselines and
   * drift night by night (each night's baseline needs the nights before it). Gives the same rows
   * as {@link #derive} run for each night in order.
   */
  public static List<NightResult> backfill(Lakehouse lake, LocalDate from, LocalDate to, Settings options) {
    FeaturesJob.Result features = new FeaturesJob(lake, new FeaturesJob.Options(from, to)).run();
    List<NightResult> nights = new ArrayList<>();
    for (LocalDate night = from; !night.isAfter(to); night = night.plusDays(1)) {
      nights.add(afterFeatures(lake, night, null, night.equals(from) ? List.of(features) : List.of(), options));
    }
    return nights;
  }

  private static NightResult afterFeatures(Lakehouse lake, LocalDate night, IngestResult ingest,
      List<FeaturesJob.Result> features, Settings options) {
    BaselineJob.Result baselines = new BaselineJob(lake, night, options.drift()).run();
    DriftJob.Result drift = new DriftJob(lake, night, options.drift()).run();
    DetectJob.Result detect = new DetectJob(lake, night, options.detect()).run();
    return new NightResult(night, ingest, features, baselines, drift, detect);
  }
}
