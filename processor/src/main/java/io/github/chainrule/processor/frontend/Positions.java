package io.github.chainrule.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import io.github.chainrule.processor.ir.SourcePos;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns trees of one compilation unit into {@link SourcePos} values and back: the IR keeps only
 * plain positions, and a diagnostic about a position is printed on the tree it came from.
 */
final class Positions {

  private final CompilationUnitTree unit;
  private final SourcePositions positions;
  private final CharSequence source;
  private final Map<SourcePos, Tree> trees = new HashMap<>();

  Positions(CompilationUnitTree unit, Trees javacTrees) {
    this.unit = unit;
    this.positions = javacTrees.getSourcePositions();
    this.source = readSource(unit);
  }

  private static CharSequence readSource(CompilationUnitTree unit) {
    try {
      return unit.getSourceFile().getCharContent(true);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  CompilationUnitTree unit() {
    return unit;
  }

  /** The position of a tree; remembered so that a diagnostic about it lands on that tree. */
  SourcePos of(Tree tree) {
    long start = positions.getStartPosition(unit, tree);
    long end = positions.getEndPosition(unit, tree);
    // Without line numbers in the unit (javac -g:none) diagnostics go on the method instead.
    long line = start < 0 || unit.getLineMap() == null
        ? -1 : unit.getLineMap().getLineNumber(start);
    SourcePos pos = new SourcePos(line, start, end, firstLine(start, end));
    trees.putIfAbsent(pos, tree);
    return pos;
  }

  /** The exact source text of a tree (javac's {@code toString} is a reprint, not the source). */
  String text(Tree tree) {
    long start = positions.getStartPosition(unit, tree);
    long end = positions.getEndPosition(unit, tree);
    if (start < 0 || end > source.length() || end <= start) {
      return tree.toString();
    }
    return source.subSequence((int) start, (int) end).toString();
  }

  Tree treeAt(SourcePos pos) {
    return trees.get(pos);
  }

  private String firstLine(long start, long end) {
    if (start < 0 || end > source.length() || end <= start) {
      return "";
    }
    String text = source.subSequence((int) start, (int) end).toString();
    int newline = text.indexOf('\n');
    return newline < 0 ? text.strip() : text.substring(0, newline).strip() + " ...";
  }
}
