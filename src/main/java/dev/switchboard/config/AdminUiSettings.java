package dev.switchboard.config;

/**
 * The Socket.IO Admin UI: whether its namespace and dashboard are there, and who may log in.
 *
 * @param access       off (no namespace, no dashboard), readonly (watching only) or on (steering too)
 * @param username     the login name the dashboard sends
 * @param passwordHash the bcrypt hash of the password ($2a$, $2b$ or $2y$, as bcrypt, bcryptjs and htpasswd -B write
 *                     it); required unless access is off
 * @param development  whether every socket, room and event goes to the dashboards too (the Node package's development
 *                     mode), not only the statistics
 * @param path         where the dashboard is served under the application, as "/admin-ui" (no trailing slash)
 */
public record AdminUiSettings(Access access, String username, String passwordHash, boolean development, String path) {

    /** Off, the default. */
    public static final AdminUiSettings OFF = new AdminUiSettings(Access.OFF, Setting.ADMIN_UI_USERNAME.defaultValue(), "", false,
            Setting.ADMIN_UI_PATH.defaultValue());

    /** How far the dashboard may go, with the setting's value on each. */
    public enum Access {
        OFF("off"), READONLY("readonly"), ON("on");

        private final String value;

        Access(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    public boolean enabled() {
        return access != Access.OFF;
    }

    public boolean readonly() {
        return access == Access.READONLY;
    }

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "AdminUiSettings[" + access.value() + (development ? " development" : "") + ", username=" + username + "]";
    }
}
