import { createNetwork } from '../src/spec.js';
for (const seed of [1,2,3,4,5]) { const s = createNetwork({ seed, dt: 2.5e-4 }); const ang = []; for (let i=0;i<50;i++) ang.push(Math.atan2(s.D[2*i+1], s.D[2*i])*180/Math.PI); ang.sort((a,b)=>a-b); let gap=0; for (let i=0;i<50;i++){ const g=(i<49?ang[i+1]:ang[0]+360)-ang[i]; gap=Math.max(gap,g);} console.log(seed, 'max gap deg', gap.toFixed(1)); }
