"""Social partners register: trade unions, employers' associations, employers, state bodies, NGOs."""
