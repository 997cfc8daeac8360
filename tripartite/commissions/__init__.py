"""Tripartite commissions at every level: members by side, meetings, decisions and their execution."""
