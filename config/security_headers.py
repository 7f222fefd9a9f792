"""The security headers every response carries (``config.settings`` applies them)."""

from django.utils.csp import CSP

# Enforced Content Security Policy: our own origin only, nonces for any inline
# code, no 'unsafe-inline' or 'unsafe-eval'. Bootstrap's CSS draws form icons as
# data: SVGs, hence img-src data:.
CONTENT_SECURITY_POLICY = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), fullscreen=(self)"
