"""Pages of policy programmes. Views parse the request, call the services (which hold every rule
and write the audit records) and render; a refusal of a service is shown as a message. Applications
are loaded only through services.access.access_application_by_code / visible_applications, so what a user may not
see is a 404, like what does not exist."""
