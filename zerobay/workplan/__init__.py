"""Key tasks and the management loop: task lists, milestones, weekly updates, meetings and decisions, computed status, the quarterly assessment."""
