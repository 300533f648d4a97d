'use strict';
// tslab turns a top-level variable of an earlier cell into `exports.name`, but misses it inside a
// shorthand property: `{ measured }` runs as `{ measured: measured }` against a name that no longer
// exists ("ReferenceError: measured is not defined"). Writing shorthands out in full before tslab
// sees the cell fixes it; positions only move within a line, so diagnostics keep their lines.
const ts = require('@tslab/typescript-for-tslab');

/** Returns the cell's source with every shorthand property of an object literal written out. */
function expandShorthandProperties(source) {
  if (!source.includes('{')) return source;
  const file = ts.createSourceFile('cell.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edits = [];
  const visit = (node) => {
    // Only object literal expressions: destructuring patterns parse as binding patterns, except in
    // assignments (`({ a } = obj)`), where the literal is an assignment target and must stay.
    if (ts.isShorthandPropertyAssignment(node) && !node.objectAssignmentInitializer && !isAssignmentTarget(node.parent)) {
      edits.push({ at: node.name.getEnd(), text: `: ${node.name.text}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (edits.length === 0) return source;
  edits.sort((a, b) => b.at - a.at);
  let out = source;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.at);
  return out;
}

function isAssignmentTarget(literal) {
  let node = literal;
  // Walk up through nested literals/arrays of a destructuring assignment.
  while (node.parent && (ts.isPropertyAssignment(node.parent) || ts.isArrayLiteralExpression(node.parent) ||
    ts.isObjectLiteralExpression(node.parent) || ts.isSpreadElement(node.parent) || ts.isShorthandPropertyAssignment(node.parent) ||
    ts.isParenthesizedExpression(node.parent))) {
    node = node.parent;
  }
  const parent = node.parent;
  if (parent && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.left === node) return true;
  if (parent && (ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === node) return true;
  return false;
}

module.exports = { expandShorthandProperties };
