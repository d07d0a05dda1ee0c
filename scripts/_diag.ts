import { createNetwork } from '../src/spec.js';
import { vanDerPol } from '../src/systems/vanderpol.js';
import { KernelExecutor } from '../src/kernel/executor.js';
import { train } from '../src/train.js';
import { ReferenceExecutor } from '../src/reference/executor.js';
const args = Object.fromEntries(process.argv.slice(2).map(a => a.split('=')).map(([k, v]) => [k, Number(v)]));
const sys = vanDerPol();
const spec = createNetwork({ dims: 2, neurons: 50, dendrites: 100, domain: sys.domain, dt: 2.5e-4, seed: args.nseed ?? 2 });
const ex = args.ref ? new ReferenceExecutor(spec) : new KernelExecutor(spec);
const visits = new Map<string, number>();
const tr = train(ex, sys, { duration: args.T ?? 200, eta: args.eta ?? 50, k: args.k ?? 100, seed: args.tseed ?? 2 }); console.log(tr.history.filter((_, i) => i % 10 === 0).map(h => h.rmsError.toFixed(3) + '@' + h.rate.toFixed(0)).join(' '));
const s = ex.toSpec(); const B = 102, K = 100;
// W = (D^T)^+ Os : solve (D D^T) W = D Os  (D is N x J here row i = D_i)
let a=0,b=0,c=0; for (let i=0;i<50;i++){a+=s.D[2*i]**2;b+=s.D[2*i]*s.D[2*i+1];c+=s.D[2*i+1]**2;}
const det=a*c-b*b;
const W = Array.from({length:B},(_,q)=>{let u=0,v=0; for(let i=0;i<50;i++){u+=s.D[2*i]*s.Os[i*B+q]; v+=s.D[2*i+1]*s.Os[i*B+q];} return [(c*u-b*v)/det,(-b*u+a*v)/det];});
const F=new Float64Array(2);
let line='';
for (let y=3.5;y>=-3.5;y-=0.5){ line=y.toFixed(1).padStart(5)+' '; for(let x=-3;x<=3.01;x+=0.25){ const xs=[x,y]; let g0=0,g1=0; for(let k=0;k<K;k++){const p=Math.tanh(s.dendrites.theta[k]+s.dendrites.M[2*k]*x+s.dendrites.M[2*k+1]*y); g0+=W[k][0]*p; g1+=W[k][1]*p;} if(s.dendrites.linear){g0+=W[K][0]*x+W[K+1][0]*y; g1+=W[K][1]*x+W[K+1][1]*y;}
 sys.field(xs,F); const t0=F[0]+10*x,t1=F[1]+10*y; const err=Math.hypot(g0-t0,g1-t1)/Math.max(5,Math.hypot(t0,t1)); line+= err<0.1?'.':err<0.3?'o':'X'; } console.log(line); }
console.log('max|W|', Math.max(...W.flat().map(Math.abs)).toFixed(1));
