/** The alerts panel: active alerts of the estate, most severe and oldest first. */
package io.pilothouse.views.alerts;
