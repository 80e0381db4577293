package dev.switchboard.admin;

import dev.switchboard.config.SwitchboardConfig;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Serves the dashboard's files only while the Admin UI is on: 404 when off, as if they were not there. The page's
 * assets are relative, so {@code /admin-ui} is redirected to {@code /admin-ui/}, the one place they resolve from.
 */
@WebFilter(urlPatterns = {"/admin-ui", "/admin-ui/*"})
public class AdminUiFilter extends HttpFilter {

    @Inject
    SwitchboardConfig config;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!config.adminUi().enabled()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/admin-ui")) {
            response.sendRedirect(request.getContextPath() + "/admin-ui/");
            return;
        }
        if (path.equals("/admin-ui/")) {
            // the page itself: its own settings stay in the browser, so it must not be cached stale across upgrades
            response.setHeader("Cache-Control", "no-cache");
            request.getRequestDispatcher("/admin-ui/index.html").forward(request, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
