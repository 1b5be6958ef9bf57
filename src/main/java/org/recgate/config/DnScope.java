package org.recgate.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The DNs an application may register and act for ({@code dns: ["1001", "10*"]} in its DN file entry;
 * {@code *} stands for any run of characters). An entry without {@code dns} may use any DN.
 * docs/security.md, "DN scope".
 */
public final class DnScope {

    public static final DnScope ANY = new DnScope(null);
    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_.@+*#-]{1,64}");

    private final List<String> patterns;
    private final List<Pattern> compiled;

    private DnScope(List<String> patterns) {
        this.patterns = patterns == null ? null : List.copyOf(patterns);
        this.compiled = patterns == null ? null : patterns.stream().map(DnScope::compile).toList();
    }

    /** The DN file's list; null (no {@code dns} key) is {@link #ANY}. Bad patterns: IllegalArgumentException. */
    public static DnScope of(List<String> patterns) {
        if (patterns == null) {
            return ANY;
        }
        for (String pattern : patterns) {
            if (pattern == null || !PATTERN.matcher(pattern).matches()) {
                throw new IllegalArgumentException("dns entry '" + pattern
                        + "' must be a DN or a pattern with *: 1 to 64 characters of A-Z a-z 0-9 _ . @ + * # -");
            }
        }
        return new DnScope(patterns);
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    public boolean isAny() {
        return compiled == null;
    }

    public boolean allows(String dn) {
        return compiled == null || (dn != null && compiled.stream().anyMatch(p -> p.matcher(dn).matches()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DnScope scope && java.util.Objects.equals(patterns, scope.patterns);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(patterns);
    }

    @Override
    public String toString() {
        return isAny() ? "any DN" : String.join(", ", patterns);
    }
}
