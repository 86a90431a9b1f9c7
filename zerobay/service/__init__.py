"""Enterprise service: requests with deadlines on a working-day calendar, key enterprises, service officers, visits."""
