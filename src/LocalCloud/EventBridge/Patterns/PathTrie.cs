using System.Text;

namespace LocalCloud.EventBridge.Patterns;

/// <summary>
/// The field paths some pattern names, as a tree of names. Flattening an event walks it alongside the JSON and
/// skips every member the tree does not know, so fields no pattern mentions cost only the JSON reader's skip.
/// </summary>
internal sealed class PathTrie
{
    private PathTrie(Node root, string[] paths)
    {
        Root = root;
        Paths = paths;
    }

    public Node Root { get; }

    /// <summary>Dotted paths by id.</summary>
    public IReadOnlyList<string> Paths { get; }

    public int Count => Paths.Count;

    /// <summary>Builds the tree; <paramref name="ids"/> receives each dotted path's id.</summary>
    public static PathTrie Build(IEnumerable<string> dottedPaths, out IReadOnlyDictionary<string, int> ids)
    {
        var builder = new NodeBuilder();
        var byPath = new Dictionary<string, int>(StringComparer.Ordinal);
        var paths = new List<string>();
        foreach (var path in dottedPaths)
        {
            if (byPath.ContainsKey(path))
            {
                continue;
            }

            byPath[path] = paths.Count;
            var node = builder;
            // EventBridge joins nested names with dots, so {"a.b": …} and {"a": {"b": …}} are one path.
            foreach (var segment in path.Split('.'))
            {
                node = node.Child(segment);
            }

            node.PathId = paths.Count;
            paths.Add(path);
        }

        ids = byPath;
        return new PathTrie(builder.Freeze(), [.. paths]);
    }

    internal sealed class Node(int pathId, Utf8Map<Node>? children)
    {
        private readonly Utf8Map<Node>? _children = children;

        /// <summary>The id of the path ending here, or -1 when patterns only name paths below it.</summary>
        public int PathId { get; } = pathId;

        public bool HasChildren => _children is not null;

        /// <summary>The node reached by a member name, which may itself hold dots.</summary>
        public Node? Find(ReadOnlySpan<byte> name)
        {
            if (_children is null)
            {
                return null;
            }

            if (name.IndexOf((byte)'.') < 0)
            {
                return _children.TryGetValue(name, out var direct) ? direct : null;
            }

            var node = this;
            while (node is not null)
            {
                var dot = name.IndexOf((byte)'.');
                var segment = dot < 0 ? name : name[..dot];
                node = node._children is not null && node._children.TryGetValue(segment, out var next) ? next : null;
                if (dot < 0)
                {
                    return node;
                }

                name = name[(dot + 1)..];
            }

            return null;
        }
    }

    private sealed class NodeBuilder
    {
        private readonly Dictionary<string, NodeBuilder> _children = new(StringComparer.Ordinal);

        public int PathId { get; set; } = -1;

        public NodeBuilder Child(string name)
        {
            if (!_children.TryGetValue(name, out var child))
            {
                child = new NodeBuilder();
                _children[name] = child;
            }

            return child;
        }

        public Node Freeze() => new(
            PathId,
            _children.Count == 0
                ? null
                : new Utf8Map<Node>(_children.Select(c => KeyValuePair.Create(Encoding.UTF8.GetBytes(c.Key), c.Value.Freeze())).ToList()));
    }
}
