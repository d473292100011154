package io.gatehouse.console.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The path through the role hierarchy to each table, laid out in four columns for an SVG picture: the user role, the
 * role it inherits through (business-public or write role; none for a direct grant), the table-group role, the table.
 * Each node appears once however many paths pass through it.
 */
public record PathGraph(int width, int height, List<Node> nodes, List<Edge> edges) {

    public record Node(String id, String label, String kind, int x, int y) {
        public int textX() {
            return x + 8;
        }

        public int textY() {
            return y + 19;
        }
    }

    public record Edge(int x1, int y1, int x2, int y2) {
    }

    /** A column's title above it. */
    public record Caption(String label, int x, int y) {
    }

    /** One path: the roles from the user role to the table-group role, then the table. */
    public record Hop(List<String> via, String table) {
    }

    static final String[] KINDS = {"user", "through", "table-group", "table"};
    static final String[] CAPTIONS = {"user role", "through (business or write role)", "table-group role", "table"};
    static final int TOP = 34;
    static final int COLUMN = 250;
    static final int ROW = 44;
    static final int NODE_WIDTH = 220;
    static final int NODE_HEIGHT = 28;

    public static PathGraph of(List<Hop> hops) {
        List<Map<String, Integer>> columns = new ArrayList<>();
        for (int i = 0; i < KINDS.length; i++) {
            columns.add(new LinkedHashMap<>());
        }
        Set<List<Integer>> links = new LinkedHashSet<>();
        for (Hop hop : hops) {
            List<String> chain = new ArrayList<>(hop.via());
            chain.add(hop.table());
            int[] cols = columnsOf(chain.size());
            for (int i = 0; i < chain.size(); i++) {
                columns.get(cols[i]).putIfAbsent(chain.get(i), columns.get(cols[i]).size());
            }
            for (int i = 0; i + 1 < chain.size(); i++) {
                links.add(List.of(cols[i], columns.get(cols[i]).get(chain.get(i)),
                        cols[i + 1], columns.get(cols[i + 1]).get(chain.get(i + 1))));
            }
        }
        List<Node> nodes = new ArrayList<>();
        int rows = 1;
        for (int c = 0; c < KINDS.length; c++) {
            for (Map.Entry<String, Integer> e : columns.get(c).entrySet()) {
                nodes.add(new Node(KINDS[c] + ":" + e.getKey(), e.getKey(), KINDS[c], x(c), y(e.getValue())));
            }
            rows = Math.max(rows, columns.get(c).size());
        }
        List<Edge> edges = links.stream().map(l -> new Edge(x(l.get(0)) + NODE_WIDTH, y(l.get(1)) + NODE_HEIGHT / 2,
                x(l.get(2)), y(l.get(3)) + NODE_HEIGHT / 2)).toList();
        return new PathGraph(x(KINDS.length - 1) + NODE_WIDTH + 10, y(rows) , nodes, edges);
    }

    public List<Caption> captions() {
        List<Caption> captions = new ArrayList<>();
        for (int c = 0; c < CAPTIONS.length; c++) {
            captions.add(new Caption(CAPTIONS[c], x(c), TOP - 14));
        }
        return captions;
    }

    /** A chain of four (user, business or write role, group role, table) uses every column; of three, it skips the second. */
    private static int[] columnsOf(int length) {
        return length >= 4 ? new int[] {0, 1, 2, 3} : new int[] {0, 2, 3};
    }

    private static int x(int column) {
        return 10 + column * COLUMN;
    }

    private static int y(int row) {
        return TOP + row * ROW;
    }
}
