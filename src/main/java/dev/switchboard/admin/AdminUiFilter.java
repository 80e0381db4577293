package dev.switchboard.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Serves the dashboard's files, kept under {@code WEB-INF/admin-ui/} where no request reaches them directly, at the
 * configured {@code adminUiPath}. Mapped there by {@link AdminUiMount} only while the Admin UI is on, so otherwise
 * the path is a plain 404. The page's assets are relative, so the bare path is redirected to itself with a slash, the
 * one place they resolve from.
 */
public class AdminUiFilter extends HttpFilter {
    static final String FILES = "/WEB-INF/admin-ui";

    private final String path;

    AdminUiFilter(String path) {
        this.path = path;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String rest = request.getRequestURI().substring(request.getContextPath().length() + path.length());
        if (rest.isEmpty()) {
            response.sendRedirect(request.getContextPath() + path + "/");
            return;
        }
        if (!rest.startsWith("/") || rest.contains("..") || rest.contains("//")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (rest.equals("/")) {
            // the page itself: it must not be cached stale across upgrades (its assets are content-hashed)
            response.setHeader("Cache-Control", "no-cache");
            rest = "/index.html";
        }
        request.getRequestDispatcher(FILES + rest).forward(request, response);
    }
}
