/**
 * The Socket.IO Admin UI ({@code @socket.io/admin-ui} 0.5.1) on Switchboard: its namespace ({@code /admin}) speaking
 * the dashboard's protocol (login, {@code config}, {@code server_stats} every 2 s, the steering commands) through the
 * same {@link dev.switchboard.handler.SocketServer} operations application code uses, so they span a cluster. The
 * dashboard's files are served by the WAR at {@code adminUiPath} ({@code /admin-ui/} by default). Off unless {@code adminUi} says otherwise.
 */
package dev.switchboard.admin;
