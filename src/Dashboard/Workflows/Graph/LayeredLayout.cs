namespace Dashboard.Workflows.Graph;

/// <summary>
/// A small Sugiyama-style layered layout that flows left to right:
/// <list type="number">
/// <item>Cycles: a depth-first search from the sources finds the edges that close a cycle; they take no part in
/// layering and are drawn as back edges below the graph. Glue graphs are acyclic; this only keeps bad input safe.</item>
/// <item>Layers: longest path, so every source (the start trigger) is in the first layer and every node sits one
/// layer right of its furthest predecessor.</item>
/// <item>Order: barycenter sweeps, each layer sorted by its neighbours' mean position; the order with the fewest
/// crossings wins.</item>
/// <item>Coordinates: a layer with more than <see cref="LayoutOptions.MaxNodesPerColumn"/> nodes wraps into
/// staggered columns; every other column is pulled toward its neighbours without two nodes coming closer than
/// <see cref="LayoutOptions.RowGap"/>.</item>
/// <item>Routes: no dummy nodes. An edge that skips columns crosses each one through a gap between its nodes, so no
/// edge runs under a node.</item>
/// </list>
/// Deterministic: nodes are first sorted by name, then id, and every tie breaks on that order, so the same graph
/// gives the same drawing whatever order Glue listed it in.
/// </summary>
public static class LayeredLayout
{
    public static GraphLayout Compute(WorkflowGraphModel model, LayoutOptions? options = null) =>
        model.IsEmpty ? GraphLayout.Empty : new Work(model, options ?? LayoutOptions.Default).Layout();

    private sealed class Work
    {
        private readonly LayoutOptions _options;
        private readonly GraphNode[] _nodes;
        private readonly (int From, int To)[] _edges;
        private readonly bool[] _isBackEdge;
        private readonly List<int>[] _predecessors;
        private readonly List<int>[] _successors;
        private readonly int[] _layer;

        public Work(WorkflowGraphModel model, LayoutOptions options)
        {
            _options = options;
            _nodes = [.. model.Nodes.DistinctBy(n => n.Id).OrderBy(n => n.Name, StringComparer.Ordinal).ThenBy(n => n.Id, StringComparer.Ordinal)];
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var v = 0; v < _nodes.Length; v++)
            {
                index[_nodes[v].Id] = v;
            }

            _edges = [.. model.Edges
                .Where(e => index.ContainsKey(e.SourceId) && index.ContainsKey(e.DestinationId))
                .Select(e => (From: index[e.SourceId], To: index[e.DestinationId]))
                .Where(e => e.From != e.To)
                .Distinct()
                .Order()];
            _isBackEdge = FindBackEdges();
            _predecessors = NewLists(_nodes.Length);
            _successors = NewLists(_nodes.Length);
            for (var e = 0; e < _edges.Length; e++)
            {
                if (!_isBackEdge[e])
                {
                    _predecessors[_edges[e].To].Add(_edges[e].From);
                    _successors[_edges[e].From].Add(_edges[e].To);
                }
            }

            _layer = AssignLayers();
        }

        public GraphLayout Layout()
        {
            var layers = OrderLayers();
            var (boxes, column) = Place(layers);
            var routes = Route(boxes, column);
            var points = routes.SelectMany(r => r.Points).ToList();
            var width = Math.Max(boxes.Max(b => b.Right), points.Count == 0 ? 0 : points.Max(p => p.X)) + _options.Margin;
            var height = Math.Max(boxes.Max(b => b.Bottom), points.Count == 0 ? 0 : points.Max(p => p.Y)) + _options.Margin;
            return new(width, height, [.. boxes.OrderBy(b => b.X).ThenBy(b => b.Y)], routes);
        }

        // 1. Cycles: an iterative depth-first search, sources first; an edge to a node still on the path closes a cycle.
        private bool[] FindBackEdges()
        {
            var outgoing = NewLists(_nodes.Length);
            var hasIncoming = new bool[_nodes.Length];
            for (var e = 0; e < _edges.Length; e++)
            {
                outgoing[_edges[e].From].Add(e);
                hasIncoming[_edges[e].To] = true;
            }

            var isBack = new bool[_edges.Length];
            var visit = new Visit[_nodes.Length];
            var next = new int[_nodes.Length];
            var path = new Stack<int>();
            var all = Enumerable.Range(0, _nodes.Length);
            foreach (var root in all.Where(v => !hasIncoming[v]).Concat(all))
            {
                if (visit[root] != Visit.New)
                {
                    continue;
                }

                visit[root] = Visit.OnPath;
                path.Push(root);
                while (path.TryPeek(out var v))
                {
                    if (next[v] == outgoing[v].Count)
                    {
                        visit[v] = Visit.Done;
                        path.Pop();
                        continue;
                    }

                    var e = outgoing[v][next[v]++];
                    var w = _edges[e].To;
                    if (visit[w] == Visit.OnPath)
                    {
                        isBack[e] = true;
                    }
                    else if (visit[w] == Visit.New)
                    {
                        visit[w] = Visit.OnPath;
                        path.Push(w);
                    }
                }
            }

            return isBack;
        }

        // 2. Layers: longest path from the sources, in topological order over the acyclic edges.
        private int[] AssignLayers()
        {
            var layer = new int[_nodes.Length];
            var waitingFor = _predecessors.Select(p => p.Count).ToArray();
            var ready = new Queue<int>(Enumerable.Range(0, _nodes.Length).Where(v => waitingFor[v] == 0));
            while (ready.TryDequeue(out var v))
            {
                foreach (var w in _successors[v])
                {
                    layer[w] = Math.Max(layer[w], layer[v] + 1);
                    if (--waitingFor[w] == 0)
                    {
                        ready.Enqueue(w);
                    }
                }
            }

            return layer;
        }

        // 3. Order: barycenter sweeps over centred positions, so layers of different sizes line up on their middles.
        private List<int>[] OrderLayers()
        {
            var layers = NewLists(_layer.Max() + 1);
            for (var v = 0; v < _nodes.Length; v++)
            {
                layers[_layer[v]].Add(v);
            }

            var position = new double[_nodes.Length];
            foreach (var members in layers)
            {
                Centre(members, position);
            }

            var best = layers.Select(l => l.ToList()).ToArray();
            var fewest = CountCrossings(position);
            for (var sweep = 0; sweep < _options.Sweeps && fewest > 0; sweep++)
            {
                var rightward = sweep % 2 == 0;
                var neighbours = rightward ? _predecessors : _successors;
                var order = rightward ? Enumerable.Range(1, layers.Length - 1) : Enumerable.Range(0, layers.Length - 1).Reverse();
                foreach (var l in order)
                {
                    layers[l] = [.. layers[l].OrderBy(v => Mean(neighbours[v], position) ?? position[v]).ThenBy(v => position[v])];
                    Centre(layers[l], position);
                }

                var crossings = CountCrossings(position);
                if (crossings < fewest)
                {
                    fewest = crossings;
                    best = layers.Select(l => l.ToList()).ToArray();
                }
            }

            return best;
        }

        private static void Centre(List<int> members, double[] position)
        {
            for (var i = 0; i < members.Count; i++)
            {
                position[members[i]] = i - ((members.Count - 1) / 2.0);
            }
        }

        // Crossings of straight segments from (layer, position) to (layer, position), compared over the layers both span.
        private int CountCrossings(double[] position)
        {
            var forward = _edges.Where((_, e) => !_isBackEdge[e]).ToArray();
            var crossings = 0;
            for (var a = 0; a < forward.Length; a++)
            {
                for (var b = a + 1; b < forward.Length; b++)
                {
                    var (s1, t1) = forward[a];
                    var (s2, t2) = forward[b];
                    if (s1 == s2 || t1 == t2 || s1 == t2 || t1 == s2)
                    {
                        continue;
                    }

                    var from = Math.Max(_layer[s1], _layer[s2]);
                    var to = Math.Min(_layer[t1], _layer[t2]);
                    if (from < to && (At(s1, t1, from) - At(s2, t2, from)) * (At(s1, t1, to) - At(s2, t2, to)) < 0)
                    {
                        crossings++;
                    }
                }
            }

            return crossings;

            double At(int source, int target, int layer) =>
                position[source] + ((position[target] - position[source]) * (layer - _layer[source]) / (_layer[target] - _layer[source]));
        }

        // 4. Coordinates: x from the column, y (a node's centre) pulled toward its neighbours.
        private (NodeBox[] Boxes, int[] Column) Place(List<int>[] layers)
        {
            var pitch = _options.NodeHeight + _options.RowGap;
            var y = new double[_nodes.Length];
            var column = new int[_nodes.Length];
            var wraps = new int[layers.Length];
            var firstColumn = 0;
            for (var l = 0; l < layers.Length; l++)
            {
                var members = layers[l];
                wraps[l] = (members.Count + Math.Max(1, _options.MaxNodesPerColumn) - 1) / Math.Max(1, _options.MaxNodesPerColumn);

                // A wrapped layer deals its nodes across its columns in turn and staggers them, so the whole layer still
                // reads top to bottom in its order and an edge into a right-hand column passes between left-hand nodes.
                for (var i = 0; i < members.Count; i++)
                {
                    column[members[i]] = firstColumn + (i % wraps[l]);
                    y[members[i]] = (i - ((members.Count - 1) / 2.0)) * pitch / wraps[l];
                }

                firstColumn += wraps[l];
            }

            for (var pass = 0; pass < 3; pass++)
            {
                var rightward = pass % 2 == 0;
                var neighbours = rightward ? _predecessors : _successors;
                var order = rightward ? Enumerable.Range(1, layers.Length - 1) : Enumerable.Range(0, layers.Length - 1).Reverse();
                foreach (var l in order)
                {
                    var members = layers[l];
                    var desired = members.Select(v => Mean(neighbours[v], y) ?? y[v]).ToArray();
                    if (wraps[l] == 1)
                    {
                        var spread = Spread(desired, pitch);
                        for (var i = 0; i < members.Count; i++)
                        {
                            y[members[i]] = spread[i];
                        }
                    }
                    else
                    {
                        var shift = members.Select((v, i) => desired[i] - y[v]).Average();
                        members.ForEach(v => y[v] += shift);
                    }
                }
            }

            var left = _options.Margin + (_isBackEdge.Any(b => b) ? _options.ColumnGap / 2 : 0);
            var top = Math.Max(_options.Margin, (_options.RowGap / 2) + 2) - (y.Min() - (_options.NodeHeight / 2));
            var boxes = _nodes.Select((node, v) => new NodeBox(
                node,
                _layer[v],
                left + (column[v] * (_options.NodeWidth + _options.ColumnGap)),
                Math.Round(top + y[v] - (_options.NodeHeight / 2)),
                _options.NodeWidth,
                _options.NodeHeight)).ToArray();
            return (boxes, column);
        }

        /// <summary>
        /// The least-squares positions for <paramref name="desired"/>, kept in order and at least
        /// <paramref name="gap"/> apart: pool-adjacent-violators on <c>desired[i] - i * gap</c>.
        /// </summary>
        private static double[] Spread(double[] desired, double gap)
        {
            var blocks = new List<(double Sum, int Count)>();
            for (var i = 0; i < desired.Length; i++)
            {
                blocks.Add((desired[i] - (i * gap), 1));
                while (blocks.Count > 1 && blocks[^2].Sum / blocks[^2].Count > blocks[^1].Sum / blocks[^1].Count)
                {
                    var (sum, count) = blocks[^1];
                    blocks.RemoveAt(blocks.Count - 1);
                    blocks[^1] = (blocks[^1].Sum + sum, blocks[^1].Count + count);
                }
            }

            var placed = new double[desired.Length];
            var next = 0;
            foreach (var (sum, count) in blocks)
            {
                for (var i = 0; i < count; i++, next++)
                {
                    placed[next] = (sum / count) + (next * gap);
                }
            }

            return placed;
        }

        // 5. Routes.
        private List<EdgeRoute> Route(NodeBox[] boxes, int[] column)
        {
            var columns = boxes
                .Select((box, v) => (box, column: column[v]))
                .GroupBy(b => b.column)
                .OrderBy(g => g.Key)
                .Select(g => g.Select(b => b.box).OrderBy(b => b.Y).ToArray())
                .ToArray();
            var bottom = boxes.Max(b => b.Bottom);
            var lanes = 0;
            var routes = new List<EdgeRoute>(_edges.Length);
            for (var e = 0; e < _edges.Length; e++)
            {
                var (from, to) = (boxes[_edges[e].From], boxes[_edges[e].To]);
                var edge = new GraphEdge(from.Node.Id, to.Node.Id);
                var points = new List<LayoutPoint> { new(from.Right, from.CenterY) };
                if (_isBackEdge[e])
                {
                    var lane = bottom + (_options.RowGap / 2) + (lanes++ * 8);
                    var (outX, inX) = (from.Right + (_options.ColumnGap / 2), to.X - (_options.ColumnGap / 2));
                    points.AddRange([new(outX, from.CenterY), new(outX, lane), new(inX, lane), new(inX, to.CenterY)]);
                }
                else
                {
                    for (var c = column[_edges[e].From] + 1; c < column[_edges[e].To]; c++)
                    {
                        var (passed, last) = (columns[c], points[^1]);
                        var aim = last.Y + ((to.CenterY - last.Y) * (passed[0].X - last.X) / (to.X - last.X));
                        var channel = Channel(passed, aim);
                        points.AddRange([new(passed[0].X, channel), new(passed[0].Right, channel)]);
                    }
                }

                points.Add(new(to.X, to.CenterY));
                routes.Add(new(edge, points, _isBackEdge[e]));
            }

            return routes;
        }

        /// <summary>The height nearest <paramref name="aim"/> at which a route can cross a column without touching a node.</summary>
        private double Channel(NodeBox[] columnBoxes, double aim)
        {
            var clearance = _options.RowGap / 2;
            var gaps = new List<(double Low, double High)> { (double.NegativeInfinity, columnBoxes[0].Y - clearance) };
            for (var i = 1; i < columnBoxes.Length; i++)
            {
                gaps.Add((columnBoxes[i - 1].Bottom + clearance, columnBoxes[i].Y - clearance));
            }

            gaps.Add((columnBoxes[^1].Bottom + clearance, double.PositiveInfinity));
            return gaps
                .Select(g => g.Low <= g.High ? Math.Clamp(aim, g.Low, g.High) : (g.Low + g.High) / 2)
                .MinBy(y => Math.Abs(y - aim));
        }

        private static double? Mean(List<int> neighbours, double[] values) =>
            neighbours.Count == 0 ? null : neighbours.Average(n => values[n]);

        private static List<int>[] NewLists(int count) => [.. Enumerable.Range(0, count).Select(_ => new List<int>())];

        private enum Visit : byte
        {
            New,
            OnPath,
            Done,
        }
    }
}
