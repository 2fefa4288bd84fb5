package io.agentgov.jobs.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Finds the files of one landing day (input contract layout; any Hadoop file system URI):
 * {@code events/<d>/*.jsonl[.gz]}, {@code otel/<d>/*.json[.gz]}, {@code registry/<d>.jsonl},
 * {@code people/<d>.jsonl}, {@code reviews/<d>/*.jsonl}, {@code policies/*.yaml}. Hidden files
 * ({@code .x}, {@code _x}, as Hadoop writers leave them) are ignored; any other file in a day's
 * folder is listed as {@code unsupported} so ingest quarantines it by name. A missing landing root,
 * or a day for which none of its folders and files exist, is an error, not an empty day.
 */
public final class LandingScanner {
  private final String root;
  private final Configuration conf;

  public LandingScanner(String root, Configuration conf) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.conf = conf;
  }

  public List<LandingFile> scan(LocalDate day) {
    Path rootPath = new Path(root);
    try {
      if (!rootPath.getFileSystem(conf).exists(rootPath)) {
        throw new IllegalArgumentException("Cannot ingest from " + root + ": the landing folder does not exist"
            + " (give it with --landing)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot reach the landing folder " + root + ": " + e.getMessage(), e);
    }
    List<LandingFile> files = new ArrayList<>();
    List<Boolean> present = List.of(
        folder(files, "events/" + day, "events", ".jsonl", ".jsonl.gz"),
        folder(files, "otel/" + day, "otel", ".json", ".json.gz"),
        folder(files, "reviews/" + day, "reviews", ".jsonl", ".jsonl.gz"),
        single(files, "registry/" + day + ".jsonl", "registry"),
        single(files, "people/" + day + ".jsonl", "people"));
    if (!present.contains(true)) {
      // Most likely a wrong --date or --landing, or files not delivered yet: ingesting "nothing" would
      // record the day as ingested and empty, and the nightly steps after it would read it as a day
      // on which no agent acted.
      throw new IllegalArgumentException("Cannot ingest " + day + " from " + root + ": nothing landed for that day (none of"
          + " events/" + day + "/, otel/" + day + "/, reviews/" + day + "/, registry/" + day + ".jsonl, people/" + day
          + ".jsonl exists); check --date and --landing, or, for a day with nothing to deliver, create an empty events/"
          + day + "/ folder");
    }
    folder(files, "policies", "policies", ".yaml", ".yml");
    files.sort(Comparator.comparing(LandingFile::relative));
    return files;
  }

  /** Lists a folder's files into {@code files}; whether the folder exists. */
  private boolean folder(List<LandingFile> files, String relative, String kind, String... extensions) {
    Path dir = new Path(root + "/" + relative);
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.exists(dir)) {
        return false;
      }
      for (FileStatus status : fs.listStatus(dir)) {
        String name = status.getPath().getName();
        if (!status.isFile() || name.startsWith(".") || name.startsWith("_")) {
          continue;
        }
        boolean known = false;
        for (String extension : extensions) {
          known |= name.endsWith(extension);
        }
        files.add(new LandingFile(known ? kind : "unsupported", status.getPath().toString(), relative + "/" + name,
            status.getLen(), null));
      }
    } catch (FileNotFoundException e) {
      return false; // folder vanished between exists and list: nothing landed
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
    }
    return true;
  }

  /** Adds a file to {@code files} if it exists; whether it does. */
  private boolean single(List<LandingFile> files, String relative, String kind) {
    Path path = new Path(root + "/" + relative);
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        return false;
      }
      FileStatus status = fs.getFileStatus(path);
      files.add(new LandingFile(kind, status.getPath().toString(), relative, status.getLen(), null));
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /** SHA-256 of a file's bytes, hex. */
  public static String sha256(LandingFile file, Configuration conf) {
    Path path = new Path(file.uri());
    MessageDigest digest = EventDigest.sha256();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file.relative() + " to hash it: " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
