package io.agentgov.jobs.governance;

/** A model as {@code provider/name@version}; any part may be missing ({@code name}, {@code name@version}). */
final class ModelName {
  private ModelName() {}

  static String of(String provider, String name, String version) {
    if (name == null) {
      return null;
    }
    return (provider == null ? "" : provider + "/") + name + (version == null ? "" : "@" + version);
  }

  /** Same name and version; providers and versions compared only when both sides state them. */
  static boolean sameModel(String a, String b) {
    String[] pa = parts(a);
    String[] pb = parts(b);
    return pa[1].equals(pb[1]) && (pa[0] == null || pb[0] == null || pa[0].equals(pb[0]))
        && (pa[2] == null || pb[2] == null || pa[2].equals(pb[2]));
  }

  private static String[] parts(String model) {
    int slash = model.indexOf('/');
    String provider = slash < 0 ? null : model.substring(0, slash);
    String rest = slash < 0 ? model : model.substring(slash + 1);
    int at = rest.lastIndexOf('@');
    return new String[] {provider, at < 0 ? rest : rest.substring(0, at), at < 0 ? null : rest.substring(at + 1)};
  }
}
