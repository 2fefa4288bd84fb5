package io.agentgov.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that does work; its global options are the root's, which every subcommand inherits. */
abstract class Leaf {
  @Spec
  CommandSpec spec;

  GlobalOptions global() {
    return ((AgentGov) spec.root().userObject()).global;
  }
}
