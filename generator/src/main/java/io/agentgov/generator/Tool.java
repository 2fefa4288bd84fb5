package io.agentgov.generator;

import io.agentgov.contract.Records.Permission;
import io.agentgov.contract.Vocabulary.ActionType;
import io.agentgov.contract.Vocabulary.DataSensitivity;

/** A tool an agent calls, with its JSON fragments encoded once. */
final class Tool {
  final Catalog.ToolSpec spec;
  final ActionType action;
  final DataSensitivity sensitivity;
  final boolean reversible;
  final boolean regulated;
  final Permission permission;
  final byte[] nameJson;
  final byte[] actionJson;
  final byte[] targetJson;
  final byte[] resourcePrefix;
  final byte[] sensitivityJson;
  final byte[] regulatoryJson;
  final byte[] summaryJson;
  final byte[] chatNameJson;

  Tool(Catalog.ToolSpec spec) {
    this.spec = spec;
    this.action = spec.action();
    this.sensitivity = spec.sensitivity();
    this.reversible = spec.reversible();
    this.regulated = !spec.regulatory().isEmpty();
    this.permission = new Permission(spec.action().name().toLowerCase(java.util.Locale.ROOT), spec.target());
    this.nameJson = ByteSink.quoted(spec.name());
    this.actionJson = ByteSink.quoted(permission.actionType());
    this.targetJson = ByteSink.quoted(spec.target());
    this.resourcePrefix = ByteSink.utf8(spec.resource());
    this.sensitivityJson = ByteSink.quoted(spec.sensitivity().name().toLowerCase(java.util.Locale.ROOT));
    if (regulated) {
      ByteSink s = new ByteSink(64);
      s.raw('[');
      for (int i = 0; i < spec.regulatory().size(); i++) {
        if (i > 0) {
          s.raw(',');
        }
        s.string(spec.regulatory().get(i));
      }
      s.raw(']');
      regulatoryJson = s.toByteArray();
    } else {
      regulatoryJson = null;
    }
    this.summaryJson = ByteSink.quoted(spec.name() + " called with " + spec.args() + " argument(s)");
    this.chatNameJson = ByteSink.quoted("execute_tool " + spec.name());
  }
}
